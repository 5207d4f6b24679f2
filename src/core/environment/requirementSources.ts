// Which requirements name a source rather than a project on an index: a URL, a VCS link or a local
// path. pip builds such a source archive even with --only-binary=:all: (measured with pip 23), so
// when source builds are not allowed they are refused before pip sees them. A direct link to a
// wheel is fine: a wheel is unpacked, not run.

/** The requirements that would make pip build a source distribution. */
export function sourceRequirements(requirements: readonly string[]): string[] {
  return requirements.filter((requirement) => {
    // Options on a requirement's line (--global-option, --config-settings, ...) make pip build from
    // source whatever else it was told; --hash only checks what is downloaded.
    if (requirement.split(/\s+/).some((token) => token.startsWith('-') && !/^--hash[=:]/.test(token))) return true;
    const spec = requirement.split(';')[0].trim();
    const direct = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@\s*(\S+)/.exec(spec)?.[2];
    const location = direct ?? (/:\/\/|^[./~\\]|[/\\]|^[A-Za-z]:|\.(zip|tar|tgz|gz|bz2|xz)\b|^(git|hg|svn|bzr)\+/i.test(spec) ? spec.split(/\s/)[0] : undefined);
    if (location === undefined) return false;
    return !/\.whl$/i.test(location.replace(/[#?].*$/, ''));
  });
}

/** A requirement as it may be shown or stored: a URL's user and password replaced. */
export function withoutCredentials(requirement: string): string {
  return requirement.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1***@');
}
