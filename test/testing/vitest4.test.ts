// The consumer contract on vitest 4 (see vitest-consumer.ts); one file per major, so the majors run in parallel.
import { describeVitestConsumer } from './vitest-consumer.ts';

describeVitestConsumer('4');
