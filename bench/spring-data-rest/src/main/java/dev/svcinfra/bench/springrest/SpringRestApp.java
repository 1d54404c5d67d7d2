package dev.svcinfra.bench.springrest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.rest.webmvc.config.RepositoryRestConfigurer;

/**
 * Starts the Spring Data REST peer; {@code JDBC_URL}, {@code PORT}, {@code DB_POOL_SIZE} come
 * from the environment (application.properties).
 *
 * <pre>{@code
 * JDBC_URL=jdbc:postgresql://127.0.0.1:5432/bench PORT=8083 java -jar spring-data-rest.jar
 * curl localhost:8083/actuator/health
 * }</pre>
 *
 * @since 0.1
 */
@SpringBootApplication
public class SpringRestApp {
  public static void main(String[] args) {
    SpringApplication.run(SpringRestApp.class, args);
  }

  /** Ids in the body, like the other systems' JSON (Spring Data REST hides them by default). */
  @Bean
  RepositoryRestConfigurer exposeIds() {
    return RepositoryRestConfigurer.withConfig(config -> config.exposeIdsFor(User.class));
  }
}
