// Completion: plain suggestions with the span they replace; the LSP server converts them.
import type { JsonDocument } from '../core/document';
import type { TextSpan } from '../core/types';
import { ecsCompletions } from './ecsCompletion';
import { hclCompletions } from './hclCompletion';
import { iamCompletions } from './iamCompletion';
import type { WorkspaceView } from '../core/workspace';
import { skeletonCompletions } from './skeletons';
import path from 'node:path';

export interface CompletionSuggestion {
  label: string;
  kind: 'property' | 'value' | 'enum' | 'snippet' | 'module' | 'function' | 'keyword' | 'reference';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` uses snippet syntax ($1, ${1:default}). */
  isSnippet?: boolean;
  /** The text the suggestion replaces (usually the string or key under the cursor, quotes included). */
  replace: TextSpan;
  sortText?: string;
  /**
   * What the editor matches against the text typed from the start of `replace` to the cursor. It must
   * start the way `replace` does (with the quote, when the quote is replaced), or the editor hides the item.
   */
  filterText?: string;
  /** Open the suggestions again once this item is in (a service prefix, then its actions). */
  retrigger?: boolean;
}

/** What completion may see beyond the document: the workspace (other task definitions, policies, role mappings). */
export interface CompletionContext {
  workspace?: WorkspaceView;
  filePath?: string;
  /** The document's name when it has no path (an untitled editor). */
  fileName?: string;
}

export async function completionsAt(
  document: JsonDocument,
  offset: number,
  context: CompletionContext = {},
): Promise<CompletionSuggestion[]> {
  if (document.skipped) return [];
  // A new file: skeletons, whatever the (empty) content is classified as.
  const skeletons = skeletonCompletions(
    document,
    offset,
    context.fileName ?? (context.filePath ? path.basename(context.filePath) : undefined),
  );
  if (skeletons.length > 0) return skeletons;
  // Terraform: HCL syntax, the provider's argument names, jsonencode objects (hclCompletion.ts); read from the
  // text, so a block the parser lost to the line being typed still gets them.
  if (document.format === 'hcl') return hclCompletions(document, offset, context);
  if (document.kind === 'unrelated') return [];
  // A template can hold task definitions and policies: ECS completion answers inside a task definition only.
  if (document.taskDefinitions.length > 0 || document.services.length > 0) {
    const suggestions = await ecsCompletions(document, offset, context);
    if (suggestions.length > 0) return suggestions;
  }
  if (document.policies.length > 0) return iamCompletions(document, offset, context);
  return [];
}
