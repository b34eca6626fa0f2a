// POST /api/v1/sms/referral-receipt: a nurse sends the patient the referral receipt (hänvisningskvitto) by SMS.
import type { FastifyInstance } from 'fastify';
import {
  CATALOG_ROUTES,
  maskPhoneNumber,
  ReferralReceiptSmsRequestSchema,
  type ReferralReceiptSmsResponse,
} from '../../../core/backend-api/catalog';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { ApiHttpError } from '../http/errors';
import { parseBody } from '../http/validation';
import { SmsGatewayError } from '../sms/gateway';

/** A receipt is a few hundred characters; a larger body is not one. */
const SMS_BODY_LIMIT_BYTES = 8 * 1024;

export async function smsRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    CATALOG_ROUTES.referralReceiptSms,
    {
      preHandler: requireRole('nurse'),
      bodyLimit: SMS_BODY_LIMIT_BYTES,
      // Receipts go one per call; a burst from one address is a fault or misuse, not work.
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request): Promise<ReferralReceiptSmsResponse> => {
      const body = parseBody(ReferralReceiptSmsRequestSchema, request.body);
      const staff = signedInStaff(request);
      let receipt;
      try {
        receipt = await app.backend.sms.send({ to: body.to, text: body.text });
      } catch (error) {
        if (!(error instanceof SmsGatewayError)) throw error;
        request.log.warn({ err: error, to: maskPhoneNumber(body.to) }, 'SMS gateway refused the message');
        throw new ApiHttpError(
          502,
          'sms_failed',
          'The SMS could not be sent (the SMS gateway did not take it). Try again.',
        );
      }
      // Who sent a receipt to which (masked) number: never the text, never the full number.
      request.log.info(
        { messageId: receipt.messageId, to: maskPhoneNumber(body.to), sentBy: staff.hsaId },
        'referral receipt SMS sent',
      );
      return {
        messageId: receipt.messageId,
        to: maskPhoneNumber(body.to),
        sentAt: receipt.sentAt.toISOString(),
      };
    },
  );
}
