import { isFromWorker, type FromWorker, type ToWorker } from './protocol';

export interface WorkerLike {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface ClientHandlers {
  /** Every message except replies to `request`. */
  message(msg: FromWorker): void;
  /** The worker died (uncaught error, out of memory, failed to load). */
  crash(message: string): void;
}

type InitCommand = Extract<ToWorker, { type: 'init' }>;
type Reply = Extract<FromWorker, { requestId: number }>;
type Request = Extract<ToWorker, { requestId: number }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const spawnTrainer = (): WorkerLike =>
  new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'sparse-lab-trainer' });

/**
 * The page's side of the worker boundary: one worker, one listener, typed
 * commands out, validated messages in, and request/reply for the few
 * questions the page asks (masks, probe).
 */
export class TrainerClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(m: Reply): void; reject(e: Error): void }>();

  constructor(private readonly on: ClientHandlers, private readonly spawn: () => WorkerLike = spawnTrainer) {}

  get isOpen(): boolean {
    return this.worker !== null;
  }

  /** (Re)starts the worker and asks it to bring up a backend (see the 'init' command). */
  open(init: Omit<InitCommand, 'type'>): void {
    this.close();
    const w = this.spawn();
    w.onmessage = (e) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.on.crash(e.message || 'the training worker stopped unexpectedly');
    };
    w.onmessageerror = () => this.on.crash('a message from the training worker could not be read');
    this.worker = w;
    this.send({ type: 'init', ...init });
  }

  /** `transfer`: buffers handed to the worker instead of copied (a checkpoint to resume from). */
  send(cmd: ToWorker, transfer?: Transferable[]): void {
    if (transfer?.length) this.worker?.postMessage(cmd, transfer);
    else this.worker?.postMessage(cmd);
  }

  request<T extends Reply['type']>(cmd: DistributiveOmit<Request, 'requestId'>, timeoutMs = 10_000): Promise<Extract<Reply, { type: T }>> {
    if (!this.worker) return Promise.reject(new Error('The training worker is not running'));
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`The training worker did not answer "${cmd.type}"`));
      }, timeoutMs);
      this.pending.set(requestId, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<Reply, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ ...cmd, requestId } as ToWorker);
    });
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('The training worker was restarted'));
    this.pending.clear();
  }

  private receive(data: unknown): void {
    if (!isFromWorker(data)) {
      console.error('Sparse Lab: ignored an unknown message from the training worker', data);
      return;
    }
    if ('requestId' in data) {
      this.pending.get(data.requestId)?.resolve(data);
      this.pending.delete(data.requestId);
      return;
    }
    this.on.message(data);
  }
}
