import type { JsonDocument } from '../core/document';
import type { CompletionSuggestion } from './completion';

/** Service prefixes, actions, condition keys and ARN templates inside policies (filled in by the IAM issue). */
export async function iamCompletions(_document: JsonDocument, _offset: number): Promise<CompletionSuggestion[]> {
  return [];
}
