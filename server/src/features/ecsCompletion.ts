import type { JsonDocument } from '../core/document';
import type { CompletionSuggestion } from './completion';

/** Keys, enum values and snippets inside task definitions (filled in by the ECS issue). */
export async function ecsCompletions(_document: JsonDocument, _offset: number): Promise<CompletionSuggestion[]> {
  return [];
}
