export class Chat {}
