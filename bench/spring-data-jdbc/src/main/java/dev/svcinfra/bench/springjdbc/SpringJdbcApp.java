package dev.svcinfra.bench.springjdbc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the Spring Data JDBC peer; {@code JDBC_URL}, {@code PORT}, {@code DB_POOL_SIZE} come
 * from the environment (application.properties).
 *
 * <pre>{@code
 * JDBC_URL=jdbc:postgresql://127.0.0.1:5432/bench PORT=8084 java -jar spring-data-jdbc.jar
 * curl localhost:8084/actuator/health
 * }</pre>
 *
 * @since 0.1
 */
@SpringBootApplication
public class SpringJdbcApp {
  public static void main(String[] args) {
    SpringApplication.run(SpringJdbcApp.class, args);
  }
}
