import { delivery } from '../../generated/pipevest/delivery.gen.ts';
import { described } from '../apis/delivery-description.ts';
import { createRfc9421Scheme } from '../schemes/rfc9421.ts';

/** Pipevest's delivery description, from its spec's x-hookspec-delivery. */
export const description = described(delivery);

/** How Pipevest signs webhook messages: RFC 9421 over the description's components. */
export const deliveryScheme = createRfc9421Scheme(description.rfc9421);
