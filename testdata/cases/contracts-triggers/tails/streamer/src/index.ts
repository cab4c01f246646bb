export default {
  tailStream(event: unknown) {
    return { tailEvent() {} };
  },
};
