// Checks a delivery's Standard Webhooks signature the way a receiver does, here on the example the
// specification publishes (https://www.standardwebhooks.com). In a receiver, pass the request's
// headers and its raw body, and the endpoint's secret (shown once when the endpoint was created).
//   node verify-webhook.ts
import { verifyWebhook, WebhookVerificationError } from '@tradeloom/sdk';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const headers = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const body = '{"test": 2432232314}';
// The example is from 2021: check it against its own time, not now (the default tolerance is 5 minutes).
const sentAt = new Date(1614265330 * 1000);

try {
  const payload = await verifyWebhook(secret, headers, body, { now: sentAt });
  console.log('verified', JSON.stringify(payload));
  await verifyWebhook(secret, headers, body.replace('2432232314', '2432232315'), { now: sentAt });
  console.log('tampered body verified: this is a bug');
} catch (error) {
  if (!(error instanceof WebhookVerificationError)) throw error;
  console.log('tampered body refused:', error.message);
}
