// A module the functions import: its reads are the functions' reads.
export async function usersFrom(env: Env) {
  const { results } = await env.DB.prepare("select * from users").all(); // want "pages-binding-missing: env.DB, which env \"production\" does not bind"
  return results;
}
