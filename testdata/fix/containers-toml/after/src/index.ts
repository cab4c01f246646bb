import { Container } from '@cloudflare/containers'
export { ContainerProxy } from '@cloudflare/containers'

export class Box extends Container<Env> {
  defaultPort = 8080
}
Box.outbound = (req: Request) => fetch(req)

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName('main').fetch(request)
  },
} satisfies ExportedHandler<Env>
