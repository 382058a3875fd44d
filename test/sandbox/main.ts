/**
 * `npm run sandbox [-- --port N --pending-ms N --running-ms N --fps N]`: the local DashScope simulator.
 * Prints its base URL and the API key it accepts; runs until Ctrl+C.
 */
import { DEFAULT_TEST_KEY, Simulator } from './simulator';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : undefined;
}

async function main(): Promise<void> {
  const key = process.env.WK_SIM_KEY ?? DEFAULT_TEST_KEY;
  const simulator = await Simulator.start({
    port: option('port'),
    apiKeys: [key],
    pendingMs: option('pending-ms') ?? 1500,
    runningMs: option('running-ms') ?? 4000,
    fps: option('fps') ?? 30,
  });
  const bytes = option('video-bytes');
  if (bytes !== undefined) simulator.overrideVideoBytes(bytes);
  console.log(`DashScope simulator on ${simulator.baseUrl}`);
  console.log(`API key it accepts: ${key === DEFAULT_TEST_KEY ? key : '(from WK_SIM_KEY)'}`);
  console.log(`SIMULATOR_BASE_URL=${simulator.baseUrl}`);
  const stop = async () => {
    await simulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
