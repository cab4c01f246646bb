// Pages middleware: runs before every function.
export const onRequest: PagesFunction<Env> = async (context) => {
  const api = context.env.API_URL; // want "pages-binding-missing: the Pages functions read env.API_URL, which env \"production\" does not bind"
  context.data.api = api;
  return context.next();
};
