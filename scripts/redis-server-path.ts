/** Where the Redis tests find the server: Debian's `redis-server` package, unless REDIS_SERVER_PATH says otherwise. */
export const REDIS_SERVER_PATH = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
