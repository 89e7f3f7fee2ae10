package dev.toolstream.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The weather agent as a Spring Boot application: the page at {@code /} streams each answer from
 * {@code /stream}, as the command line's {@code --serve} does. The toolstream starter makes the
 * agent from {@code application.properties} and {@link WeatherTools}' {@code @Tool} method. With
 * no API key ({@code toolstream.api-key} or {@code ANTHROPIC_API_KEY}) and no base URL, Claude and
 * Open-Meteo are simulated on loopback, and the log says so.
 */
@SpringBootApplication
public class WeatherApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(WeatherApplication.class, args);
  }
}
