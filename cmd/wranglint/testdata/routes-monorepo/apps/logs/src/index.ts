export default {
  async tail(events: TraceItem[]) {
    console.log(events.length);
  },
};
