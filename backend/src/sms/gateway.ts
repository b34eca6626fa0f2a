// The SMS gateway the backend sends referral receipts through, and the demo gateway that only logs (masked) and remembers.
//
// A real gateway (an operator's HTTP API) implements SmsGateway; the demo never sends anything. Its log
// line holds a masked number and a message id only: the text is patient data and never reaches a log.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPhoneNumber } from '../../../core/backend-api/catalog';
import type { Clock } from '../clock';

export interface SmsMessage {
  /** E.164, e.g. +46701740605. */
  to: string;
  text: string;
}

export interface SmsReceipt {
  messageId: string;
  sentAt: Date;
}

export interface SmsGateway {
  /** Hands the message to the operator; throws SmsGatewayError when it was not taken. */
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/** The gateway refused or could not be reached; nothing was sent. */
export class SmsGatewayError extends Error {
  override name = 'SmsGatewayError';
}

export interface SentSms extends SmsMessage, SmsReceipt {}

/** How many SMS parts a text needs (GSM 7-bit: 160 alone, 153 each when concatenated). */
export function smsParts(text: string): number {
  return text.length <= 160 ? 1 : Math.ceil(text.length / 153);
}

export interface LoggingSmsGatewayOptions {
  logger: Logger;
  clock: Clock;
  /** How many sent messages to keep in memory for tests and the demo (default 50). */
  keep?: number;
}

/** Demo gateway: logs that a message "was sent" (masked number, id, parts) and keeps the last ones in memory. */
export class LoggingSmsGateway implements SmsGateway {
  private readonly kept: SentSms[] = [];

  constructor(private readonly options: LoggingSmsGatewayOptions) {}

  send(message: SmsMessage): Promise<SmsReceipt> {
    const receipt: SmsReceipt = { messageId: randomUUID(), sentAt: this.options.clock() };
    this.options.logger.info(
      {
        sms: { messageId: receipt.messageId, to: maskPhoneNumber(message.to), parts: smsParts(message.text) },
      },
      'SMS handed to the logging gateway (demo: nothing is sent)',
    );
    this.kept.push({ ...message, ...receipt });
    const keep = this.options.keep ?? 50;
    if (this.kept.length > keep) this.kept.splice(0, this.kept.length - keep);
    return Promise.resolve(receipt);
  }

  /** The last messages, oldest first (full number and text: memory only, for tests and the demo). */
  get sent(): readonly SentSms[] {
    return this.kept;
  }
}
