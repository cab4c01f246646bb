export class MyFlow {}
