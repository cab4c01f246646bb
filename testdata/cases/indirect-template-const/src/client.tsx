export async function history(id: string) {
  const url = `/agents/chatagent/${id}/messages`;
  return fetch(url);
}
