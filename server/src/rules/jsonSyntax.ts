import { createScanner, ParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import type { Rule } from '../core/rule';
import { ALL_ANALYSED_KINDS, type Fix, type SyntaxProblem, type TextEdit, type TextSpan } from '../core/types';

const IAM_GRAMMAR_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';
const ECS_TASK_DEFINITION_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html';
const CFN_TEMPLATE_URL = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html';
const TERRAFORM_JSON_URL = 'https://developer.hashicorp.com/terraform/language/syntax/json';

export const jsonSyntax: Rule = {
  meta: {
    id: 'json/syntax',
    title: 'Invalid JSON, including comments and trailing commas that AWS APIs reject',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: IAM_GRAMMAR_URL,
    fixable: true,
    appliesTo: ALL_ANALYSED_KINDS,
    description: [
      'IAM, ECS and CloudFormation accept strict JSON only. Comments and trailing commas, which editors',
      'and many articles tolerate, make `aws iam put-role-policy`, `aws ecs register-task-definition` and',
      'stack operations fail. Policies pasted from blog posts often carry both, and sometimes a literal `[...]`',
      'where the author shortened a list.',
      '',
      'Quick fixes remove a trailing comma or a comment, one at a time or all at once, and insert a missing comma.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    if (document.strictJson || document.format === 'yaml' || document.format === 'hcl') return;
    const where = rejectedBy(document);
    const docsUrl = docsUrlFor(document);
    const scanned = scanTrailingCommasAndComments(document.text);
    const allEdits: TextEdit[] = [...scanned.trailingCommas, ...scanned.comments].map((problem) => problem.edit);
    const fixAll = (count: number): Fix[] =>
      count > 1 ? [{ title: removeAllTitle(scanned.trailingCommas.length, scanned.comments.length), edits: allEdits }] : [];

    for (const comma of scanned.trailingCommas) {
      context.report({
        at: comma.span,
        message: `Trailing comma: ${where} rejects it, although many editors and articles allow it. Remove the comma.`,
        docsUrl,
        fixes: [{ title: 'Remove the trailing comma', edits: [comma.edit], isPreferred: true }, ...fixAll(allEdits.length)],
        data: { syntaxProblem: 'trailing-comma' satisfies SyntaxProblem },
      });
    }
    for (const comment of scanned.comments) {
      context.report({
        at: comment.span,
        message: `Comment: JSON has no comments and ${where} rejects them. Remove the comment (keep notes in a separate file or a "Sid"/"description" field).`,
        docsUrl,
        fixes: [{ title: 'Remove the comment', edits: [comment.edit], isPreferred: true }, ...fixAll(allEdits.length)],
        data: { syntaxProblem: 'comment' satisfies SyntaxProblem },
      });
    }
    // Text that is not JSON at all (a paste gone wrong) can give thousands of errors, most of them echoes
    // of the first: the first ones are reported, the rest summed up in one finding.
    const shown = document.parseErrors.slice(0, MAX_PARSE_ERRORS_SHOWN);
    const hidden = document.parseErrors.length - shown.length;
    if (hidden > 0) {
      context.report({
        at: errorSpan(document.text, document.parseErrors[MAX_PARSE_ERRORS_SHOWN]),
        message: `${hidden} more syntax error${hidden === 1 ? '' : 's'} from here on are not listed. Errors after the first ones often follow from them: fix those first.`,
        docsUrl,
        data: { syntaxProblem: 'parse-error' satisfies SyntaxProblem },
      });
    }
    for (const error of shown) {
      context.report({
        at: errorSpan(document.text, error),
        message: `${describeParseError(document.text, error)} ${where} accepts only valid JSON.`,
        docsUrl,
        fixes: fixesForParseError(document.text, error),
        data: { syntaxProblem: 'parse-error' satisfies SyntaxProblem },
      });
    }
  },
};

/** Parse errors listed one by one; beyond this, one finding counts the rest. */
export const MAX_PARSE_ERRORS_SHOWN = 100;

function rejectedBy(document: JsonDocument): string {
  if (document.terraformJson) return 'Terraform';
  switch (document.kind) {
    case 'ecs-task-definition':
      return 'ECS (register-task-definition)';
    case 'ecs-service':
      return 'ECS (create-service)';
    case 'cloudformation-template':
      return 'CloudFormation';
    default:
      return 'IAM';
  }
}

function docsUrlFor(document: JsonDocument): string {
  if (document.terraformJson) return TERRAFORM_JSON_URL;
  if (document.kind === 'ecs-task-definition' || document.kind === 'ecs-service') return ECS_TASK_DEFINITION_URL;
  if (document.kind === 'cloudformation-template') return CFN_TEMPLATE_URL;
  return IAM_GRAMMAR_URL;
}

interface ScannedProblem {
  span: TextSpan;
  edit: TextEdit;
}

/** Finds trailing commas (a comma whose next token is `]` or `}`) and comments, with the edit that removes each. */
/** Text that cannot hold a trailing comma or a comment: no comma before a closing bracket, no `//` or `/*`. */
const MAY_HOLD_COMMA_OR_COMMENT = /,\s*[\]}]|\/[/*]/;
/** A complete JSON string on one line (the scanner ends unterminated strings at a line break; those stay and only cost a scan). */
const STRING_LITERAL = /"(?:[^"\\\r\n]|\\.)*"/g;

export function scanTrailingCommasAndComments(text: string): { trailingCommas: ScannedProblem[]; comments: ScannedProblem[] } {
  const trailingCommas: ScannedProblem[] = [];
  const comments: ScannedProblem[] = [];
  // Most documents have neither: regular-expression passes instead of tokenizing the whole text. ARNs
  // (`bucket/*`) and URLs (`https://`) inside strings look like comments, so test again without strings.
  if (!MAY_HOLD_COMMA_OR_COMMENT.test(text) || !MAY_HOLD_COMMA_OR_COMMENT.test(text.replace(STRING_LITERAL, '""'))) {
    return { trailingCommas, comments };
  }
  const scanner = createScanner(text, false);
  let pendingComma: number | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    switch (token) {
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia: {
        const span = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
        comments.push({ span, edit: commentRemoval(text, span) });
        continue;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (pendingComma !== undefined) {
          trailingCommas.push({ span: { offset: pendingComma, length: 1 }, edit: { offset: pendingComma, length: 1, newText: '' } });
        }
        break;
    }
    pendingComma = token === SyntaxKind.CommaToken ? scanner.getTokenOffset() : undefined;
  }
  return { trailingCommas, comments };
}

/** Removes a comment; when it is alone on its line, removes the whole line so no blank line is left. */
function commentRemoval(text: string, span: TextSpan): TextEdit {
  let lineStart = span.offset;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const startsLine = lineStart === 0 || text[lineStart - 1] === '\n' || text[lineStart - 1] === '\r';
  let end = span.offset + span.length;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (startsLine && (end === text.length || text[end] === '\n' || text[end] === '\r')) {
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (end < text.length) end += 1;
    return { offset: lineStart, length: end - lineStart, newText: '' };
  }
  // Keep the spaces before an inline comment's line ending out of the edit's way; drop those between code and comment.
  return { offset: lineStart, length: span.offset + span.length - lineStart, newText: '' };
}

function errorSpan(text: string, error: ParseError): TextSpan {
  if (error.length > 0) return { offset: error.offset, length: error.length };
  // Zero-length errors (e.g. at end of file) get the previous character so a squiggle is visible.
  const offset = Math.max(0, Math.min(error.offset, text.length) - 1);
  return { offset, length: text.length === 0 ? 0 : 1 };
}

function describeParseError(text: string, error: ParseError): string {
  const token = text.slice(error.offset, error.offset + Math.min(error.length, 40));
  switch (error.error) {
    case ParseErrorCode.InvalidSymbol:
      if (token.startsWith('...') || token.startsWith('…')) {
        return '`...` is not JSON: the example this came from shortened a list here. Replace it with the real entries.';
      }
      return `Unexpected \`${token}\` here.`;
    case ParseErrorCode.InvalidNumberFormat:
      return `\`${token}\` is not a valid JSON number.`;
    case ParseErrorCode.PropertyNameExpected:
      return 'A property name in double quotes is expected here.';
    case ParseErrorCode.ValueExpected:
      return 'A value is expected here.';
    case ParseErrorCode.ColonExpected:
      return 'A colon (`:`) is expected after the property name.';
    case ParseErrorCode.CommaExpected:
      return 'A comma is missing before this entry.';
    case ParseErrorCode.CloseBraceExpected:
      return 'This object is not closed: a `}` is missing.';
    case ParseErrorCode.CloseBracketExpected:
      return 'This array is not closed: a `]` is missing.';
    case ParseErrorCode.EndOfFileExpected:
      return 'Unexpected content after the end of the JSON value.';
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'This comment is never closed.';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'This string is never closed: a `"` is missing.';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'This number is cut off.';
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid `\\u` escape: four hexadecimal digits are expected.';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'Invalid escape sequence in this string.';
    case ParseErrorCode.InvalidCharacter:
      return 'This string contains a control character (such as a raw tab or line break); escape it.';
    default:
      return 'Invalid JSON here.';
  }
}

function fixesForParseError(text: string, error: ParseError): Fix[] {
  if (error.error !== ParseErrorCode.CommaExpected) return [];
  let insertAt = error.offset;
  while (insertAt > 0 && /\s/.test(text[insertAt - 1])) insertAt--;
  return [{ title: 'Insert the missing comma', edits: [{ offset: insertAt, length: 0, newText: ',' }], isPreferred: true }];
}

/** "Remove all 3 trailing commas and 2 comments", naming only what the document has. */
function removeAllTitle(commas: number, comments: number): string {
  const parts = [
    commas > 0 ? `${commas} trailing comma${commas === 1 ? '' : 's'}` : '',
    comments > 0 ? `${comments} comment${comments === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `Remove all ${parts.join(' and ')}`;
}
