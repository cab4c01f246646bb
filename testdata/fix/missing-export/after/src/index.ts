// Entry module: single quotes, no semicolons.
import { helper } from './helper'
import { Foo as FooClass } from './agents/foo'
export { Foo } from './agents/foo'

export default {
  fetch: () => new Response(String(FooClass) + helper()),
}
