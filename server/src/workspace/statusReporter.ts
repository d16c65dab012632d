// What the editor's status bar says about the server: indexing the workspace (with a count), then
// ready with the date of the IAM data. Sent as the `ecsIam/status` notification to clients that ask for
// it (our VS Code client shows it in a status bar item); the text is written here so the client stays
// free of ECS and IAM knowledge.
import type { IndexProgress } from './serverWorkspace';

export const STATUS_NOTIFICATION = 'ecsIam/status';

export interface StatusParams {
  /** Short text for the status bar. */
  text: string;
  /** Longer text for its tooltip. */
  tooltip: string;
  /** Work in progress (the client may show a spinner). */
  busy: boolean;
}

const CLICK = 'Click to show the output.';

export class StatusReporter implements IndexProgress {
  private lastRead = -1;

  /** `dataNote`: the IAM data's date and source (features/dataNote.ts; this folder does not know IAM). */
  constructor(
    private readonly send: (params: StatusParams) => void,
    private readonly dataNote: () => Promise<{ date?: string; source: string }>,
  ) {}

  /** Before the index build starts. */
  starting(): void {
    this.send({
      text: 'ECS & IAM: indexing',
      tooltip: `Looking for the workspace's JSON files (task definitions, policies, templates). ${CLICK}`,
      busy: true,
    });
  }

  reading(read: number, total: number): void {
    // At most about 20 updates however large the workspace, and always the first and the last.
    const step = Math.max(1, Math.floor(total / 20));
    if (read !== 0 && read !== total && read - this.lastRead < step) return;
    this.lastRead = read;
    this.send({
      text: `ECS & IAM: indexing ${read}/${total} files`,
      tooltip: `Reading the workspace's JSON files to link task definitions to their role policies. ${CLICK}`,
      busy: true,
    });
  }

  built(summary: string): void {
    void this.dataNote()
      .catch(() => ({ date: undefined, source: 'IAM data could not be read' }))
      .then(({ date, source }) => {
        this.send({
          text: `ECS & IAM: ready${date ? ` (IAM data of ${date})` : ''}`,
          tooltip: `${summary.charAt(0).toUpperCase()}${summary.slice(1)}. ${source}. ${CLICK}`,
          busy: false,
        });
      });
  }
}
