export const onRequest: PagesFunction = async () => new Response("hello");
