import { createClient } from '@hey-api/openapi-ts';
import { jobs } from '../openapi-ts.config.ts';
await createClient(jobs('./generated').filter((j) => ['sidclaw','provenonce','pipevest'].some((a) => String(j.input).includes(a))));
