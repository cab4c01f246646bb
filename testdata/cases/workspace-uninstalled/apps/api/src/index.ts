import { apiBase } from "@repo/common";
export default {
  async fetch() {
    return fetch(apiBase() + "/health");
  },
};
