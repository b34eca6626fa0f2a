// The backend's notion of "now", injectable so lock-outs and token lifetimes can be tested without waiting.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
