// What runs inside a build container: pip, as the sandbox user, installing a requirements file into a
// folder of its own that the interpreter imports from. The host side is environmentBuild.ts; pip's
// options are pipJob.ts's, and what its failure means for the user is pipFailure.ts's.

/**
 * Where pip's result lands in the image: a folder owned by the build user (made by the job archive's
 * ownership headers), put on sys.path by a .pth file in the interpreter's site-packages. The job
 * itself is copied inside it and deleted by the driver before pip starts.
 */
export const TARGET_DIR = '/self-heal-env';
export const JOB_DIR = `${TARGET_DIR}/.job`;
/** The build runs as the sandbox's user, never as root. */
export const BUILD_USER_ID = 65534;
/** Lines the driver prints for the host, before any package's code could print anything. */
export const DRIVER_MARKER = '@@self-heal ';
export const PTH_FILE = 'self-heal-environment.pth';

/**
 * pip with one change: it refuses to prepare any source distribution, which is the step that runs a
 * package's build code. --only-binary=:all: alone is not enough: pip still builds a requirement that
 * names a URL, path or VCS link, also when it arrives as a dependency of a wheel, and an option such as
 * --global-option on a requirements line turns it off. A pip whose internals differ fails here, closed.
 */
const WHEELS_ONLY_PIP = String.raw`
import sys
from pip._internal.distributions.sdist import SourceDistribution
from pip._internal.exceptions import InstallationError
def refuse(self, *args, **kwargs):
    print('${DRIVER_MARKER}source-build=' + str(self.req).replace('\n', ' '), flush=True)
    raise InstallationError('refused to build ' + str(self.req) + ' from source: building runs its own code')
SourceDistribution.prepare_distribution_metadata = refuse
from pip._internal.cli.main import main
sys.argv[0] = 'pip'
sys.exit(main())
`;

/**
 * pip installs with --target into a staging folder on the build's size-capped /tmp, and the driver
 * copies it to TARGET_DIR only when pip succeeded: what the image keeps is bounded by that tmpfs.
 * Index settings travel in the job file, not in the container's environment or command, because a
 * commit keeps both in the image. When only wheels are allowed and pip finds no distribution, the
 * driver asks the index whether a source archive exists, so the user learns why.
 */
export const BUILD_DRIVER_SOURCE = String.raw`
import json, os, re, shutil, site, subprocess, sys, sysconfig
WHEELS_ONLY_PIP = ${JSON.stringify(WHEELS_ONLY_PIP)}
target = '${TARGET_DIR}'
job_dir = '${JOB_DIR}'
with open(job_dir + '/job.json') as handle:
    job = json.load(handle)
with open(job_dir + '/requirements.txt') as handle:
    requirements = handle.read()
shutil.rmtree(job_dir)
candidates = [sysconfig.get_paths()['purelib']] + site.getsitepackages()
print('${DRIVER_MARKER}site-packages=' + next((d for d in candidates if os.path.isdir(d)), ''), flush=True)
print('${DRIVER_MARKER}user=' + str(os.getuid()), flush=True)
requirements_file = '/tmp/self-heal-requirements.txt'
with open(requirements_file, 'w') as handle:
    handle.write(requirements)
env = dict(os.environ)
env.update(job['env'])
pip = [sys.executable, '-m', 'pip'] if job['sourceBuilds'] else [sys.executable, '-c', WHEELS_ONLY_PIP]
stage = '/tmp/self-heal-stage'
process = subprocess.Popen(pip + ['install', '--target', stage] + job['args'] + ['-r', requirements_file], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors='replace')
missing = []
unreachable = False
for line in process.stdout:
    sys.stdout.write(line)
    sys.stdout.flush()
    unreachable = unreachable or 'after connection broken by' in line
    found = re.match(r'ERROR: No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)', line)
    if found:
        missing.append(found.group(1))
status = process.wait()
if status != 0 and not job['sourceBuilds'] and not unreachable:
    for name in missing:
        probe = pip + ['index', 'versions', name, '--disable-pip-version-check', '--no-input'] + job['indexArgs']
        if subprocess.call(probe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            print('${DRIVER_MARKER}source-only=' + name, flush=True)
if status == 0 and os.path.isdir(stage):
    shutil.copytree(stage, target, symlinks=True, dirs_exist_ok=True)
sys.exit(status)
`;

/**
 * The .pth line that makes TARGET_DIR importable: placed after the standard library and before every
 * site folder, so a package cannot shadow the stdlib and a requirement wins over the image's own copy.
 */
export const PTH_LINE = `import sys; sys.path.insert(min([i for i, p in enumerate(sys.path) if p.endswith(('site-packages', 'dist-packages'))] or [len(sys.path)]), '${TARGET_DIR}')\n`;
