export class PlannerImpl {}
