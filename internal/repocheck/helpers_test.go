package repocheck

// moduleRoot is the root of this module, from this package's directory.
const moduleRoot = "../.."
