// The URL reaches fetch through a parameter: not followed (silent).
async function get(url: string) {
  return fetch(url);
}

export function probe() {
  return get("https://api.example.com/v1/items");
}
