package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.testing.TestServices;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedisCheckTest {
  private static final String SECRET = "Sup3rSecretPw";

  @Test
  void realRedisAnswersPong() {
    CheckResult result = RedisCheck.of(TestServices.redisUrl()).check();

    assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void wrongPasswordIsUnhealthyWithTheServersReasonAndNoPassword() {
    String url = TestServices.redisUrl().replace("redis://", "redis://:" + SECRET + "@");

    CheckResult result = RedisCheck.of(url).check();

    // A server without a password answers "ERR AUTH <password> called without any password
    // configured..." and one with a password answers WRONGPASS; either way AUTH fails.
    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message().orElseThrow())
        .startsWith("redis " + TestServices.HOST + ":" + TestServices.REDIS_PORT + " answered: ")
        .doesNotContain(SECRET);
  }

  @Test
  void closedPortIsUnhealthy() throws Exception {
    int port = SilentServer.closedPort();

    CheckResult result = RedisCheck.of("redis://:" + SECRET + "@127.0.0.1:" + port).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message().orElseThrow())
        .startsWith("cannot connect to redis 127.0.0.1:" + port)
        .doesNotContain(SECRET);
  }

  @Test
  void serverThatNeverAnswersIsUnhealthyWithinTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      RedisCheck check =
          RedisCheck.of("redis://127.0.0.1:" + silent.port()).withTimeout(Duration.ofMillis(500));

      long begin = System.nanoTime();
      CheckResult result = check.check();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(result.message())
          .contains("redis 127.0.0.1:" + silent.port() + " did not answer within 500 ms");
      assertThat(elapsedMs).isBetween(450L, 2_000L);
    }
  }

  @Test
  void rejectsUrlsThatAreNotRedisWithoutShowingThePassword() {
    assertThatThrownBy(() -> RedisCheck.of("http://u:" + SECRET + "@cache:6379"))
        .isInstanceOf(HealthException.class)
        .hasMessage("the Redis URL must start with redis:// or rediss://");
    assertThatThrownBy(() -> RedisCheck.of("redis://")).isInstanceOf(HealthException.class);
    assertThat(RedisCheck.of("redis://:" + SECRET + "@cache:6380/1").toString())
        .isEqualTo("RedisCheck[redis://cache:6380]");
  }
}
