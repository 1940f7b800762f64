/** One received request, as printed and as `GET /` lists it. */
export interface ReceivedDelivery {
  receivedAt: string;
  method: string;
  path: string;
  ok: boolean;
  /** The verified event type; for a rejected delivery, the `event` field of the body if any. */
  type: string | null;
  deliveryId: string | null;
  /** What the listener answered the sender. */
  status: number;
  error?: { code: string; message: string };
  forwarded?: { url: string; status: number | null; error?: string };
  headers: Record<string, string>;
  body: string;
  payload?: unknown;
}
