// Removing a container that is exiting at that moment fails on Podman ("container state
// improper"); a short retry makes "nothing left behind" hold.
import type Docker from 'dockerode';
import { withDeadline } from '../core/run/engineError';

const ATTEMPTS = 6;
const PAUSE_MS = 150;

export async function removeContainer(container: Docker.Container): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withDeadline(container.remove({ force: true }), 15_000, 'remove container');
      return;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return; // already gone
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * attempt));
    }
  }
}
