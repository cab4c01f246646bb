// Entry module: single quotes, no semicolons.
import { Foo as FooClass } from './agents/foo'
import './agents/ghost'
import { MyFlow } from './agents/flow'
export { Foo as Bar } from './agents/foo'

export default {
  fetch: () => new Response(String(FooClass) + String(MyFlow)),
}
