// Which IAM data the analysis rests on, for the editor's status ("ready (IAM data of 2026-09-26)").
import { dataSourceNote, loadCatalogIndex } from '../iam/catalog';

export interface DataNote {
  /** The data's date (YYYY-MM-DD), when the catalogue could be read. */
  date?: string;
  /** Date and source release, for a tooltip. */
  source: string;
}

export async function iamDataNote(): Promise<DataNote> {
  try {
    const index = await loadCatalogIndex();
    return { date: index.updatedAt, source: dataSourceNote() };
  } catch {
    return { source: 'IAM data could not be read' };
  }
}
