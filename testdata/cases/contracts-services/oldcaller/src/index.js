export default {
  async fetch(request, env) {
    const user = await env.USERS.getUser("1"); // want "service-call-unanswered" "env.USERS.getUser\\(\\) is an RPC call, but RPC on service bindings needs compatibility_date 2024-04-03 or later .*this deployment's date is 2024-01-15"
    return env.USERS.fetch(request); // want "service-call-unanswered" "but class UsersService has no fetch handler"
  },
};
