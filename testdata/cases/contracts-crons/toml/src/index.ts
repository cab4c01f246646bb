export default {
  async scheduled() {},
};
