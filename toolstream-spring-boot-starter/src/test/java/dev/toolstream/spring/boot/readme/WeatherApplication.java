package dev.toolstream.spring.boot.readme;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The README's Spring Boot example: an application, a tool bean, a controller. */
// region spring-application
@SpringBootApplication
public class WeatherApplication {
  public static void main(String[] args) {
    SpringApplication.run(WeatherApplication.class, args);
  }
}
// endregion
