export default { async scheduled() {} };
