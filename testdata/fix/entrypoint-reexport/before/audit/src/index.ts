// NodeNext style: relative imports name the compiled .js file
import { stamp } from './lib/stamp.js'

export default {
  async fetch() {
    return new Response(stamp())
  },
}
