// NodeNext style: relative imports name the compiled .js file
import { stamp } from './lib/stamp.js'
export { AuditService } from './rpc/audit.js'

export default {
  async fetch() {
    return new Response(stamp())
  },
}
