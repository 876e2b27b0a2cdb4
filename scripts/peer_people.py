"""The peer side of the sync benchmark: every person of the token's org with
their calling data, listed through wxc_sdk's async API, the way its users
would. Prints one JSON line: people listed, seconds, peak memory (MB).

usage: peer_people.py API_BASE_URL ACCESS_TOKEN
"""
import asyncio
import json
import sys
import time

from wxc_sdk.as_api import AsWebexSimpleApi


def peak_mb() -> float:
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    return 0.0


async def main(base: str, token: str) -> None:
    async with AsWebexSimpleApi(tokens=token) as api:
        # wxc_sdk has no base-URL option: its session reads a class constant.
        api.session.BASE = base
        start = time.perf_counter()
        people = await api.people.list(calling_data=True)
        seconds = time.perf_counter() - start
    print(json.dumps({'people': len(people), 'seconds': seconds, 'peak_mb': peak_mb()}))


if __name__ == '__main__':
    asyncio.run(main(sys.argv[1].rstrip('/'), sys.argv[2]))
