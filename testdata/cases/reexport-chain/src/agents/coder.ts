export class CoderAgent {}
