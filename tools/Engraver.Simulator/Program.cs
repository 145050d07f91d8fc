// Entry point placeholder so the simulator project builds on its own; the station twin's real
// entry point replaces this file.
return 0;
