package io.invitations.local.cli;

/**
 * A command that runs none of the functions in its process (it reads state, or checks a file): its process
 * goes without the functions' logging, whose start (Log4j's core) would be half its run time. The launcher
 * ({@code invitations}) names these commands too, to start them with the quick compiler alone.
 */
interface RunsNoFunctions {
}
