/* The pod sandbox process: holds the pod's namespaces, reaps orphans, exits on INT/TERM. */
#include <signal.h>
#include <stddef.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) {
  (void)sig;
  _exit(0);
}

static void reap(int sig) {
  (void)sig;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = stop;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = reap;
  sa.sa_flags = SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  if (getpid() != 1) {
    /* Like upstream's pause: warn, but keep going (useful for tests outside a pod). */
    write(2, "pause: not running as pid 1\n", 28);
  }
  for (;;) pause();
}
