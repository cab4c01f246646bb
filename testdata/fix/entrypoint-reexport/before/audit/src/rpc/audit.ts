import { WorkerEntrypoint } from 'cloudflare:workers'

export class AuditService extends WorkerEntrypoint<Env> {
  async log(line: string) {
    console.log(line)
  }
}
