package dev.toolstream.spring.boot;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.tools.AnnotatedTools;
import dev.toolstream.tools.Tool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The {@link Tool} methods of the application's beans, as tools for agents. A bean has tools if
 * its class (the class behind a proxy), a superclass or an interface declares {@code @Tool}
 * methods; each becomes a {@link ToolSpec} read from that class once, whose every call looks the
 * bean up and invokes the method on it. The call so goes through the bean's proxy, and
 * {@code @Transactional}, method security and other advice apply as they do to any caller; a
 * prototype or scoped bean gives the instance its scope holds at the moment of the call.
 *
 * <p>Beans are found by their type as the context knows it before creating them, the first time
 * tools are asked for (when the first agent is built); no bean is created for it, so a tool bean
 * may itself depend on an agent. Infrastructure beans are left out. A bean whose tools are
 * declared on its class but that the context hands out as an interface-based (JDK) proxy cannot
 * run them: keep Spring Boot's default class-based proxies, or declare the tools on the interface.
 *
 * <p>Thread-safe.
 */
public final class ToolBeans {
  private final ConfigurableListableBeanFactory beanFactory;
  private @Nullable Map<String, List<ToolSpec>> byBean;

  /**
   * Finds tools among the beans of {@code beanFactory}, once, when first asked.
   *
   * @param beanFactory the application's bean factory
   */
  public ToolBeans(ConfigurableListableBeanFactory beanFactory) {
    this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory == null");
  }

  /**
   * Lists the beans that have tools.
   *
   * @return their names, in the order the context defines them
   * @throws IllegalArgumentException if a bean's {@code @Tool} method cannot be a tool (the message
   *     names the method and the fix)
   */
  public Set<String> beanNames() {
    return byBean().keySet();
  }

  /**
   * Returns the tools of every bean that has some.
   *
   * @return an immutable list, bean by bean in definition order, by name within a bean
   * @throws IllegalArgumentException if a method cannot be a tool, or two tools share a name
   */
  public List<ToolSpec> tools() {
    return tools(beanNames());
  }

  /**
   * Returns the tools of the beans named.
   *
   * @param beanNames names of beans with tools
   * @return an immutable list, in the order of {@code beanNames}
   * @throws IllegalArgumentException if a name is not a bean with tools (the message lists those
   *     there are), a method cannot be a tool, or two tools share a name
   */
  public List<ToolSpec> tools(Collection<String> beanNames) {
    Map<String, List<ToolSpec>> all = byBean();
    List<ToolSpec> tools = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : beanNames) {
      List<ToolSpec> specs = all.get(name);
      if (specs == null) {
        throw new IllegalArgumentException(
            "\""
                + name
                + "\" is not a bean with @Tool methods; the beans with tools are "
                + all.keySet());
      }
      for (ToolSpec spec : specs) {
        if (!seen.add(spec.name())) {
          throw new IllegalArgumentException(
              "two tool beans offer a tool named \""
                  + spec.name()
                  + "\" (one of them is \""
                  + name
                  + "\"): rename one with @Tool(name = \"...\"), or give each agent only one of"
                  + " the beans with toolstream.agents.<name>.tool-beans");
        }
        tools.add(spec);
      }
    }
    return List.copyOf(tools);
  }

  private synchronized Map<String, List<ToolSpec>> byBean() {
    if (byBean == null) {
      Map<String, List<ToolSpec>> found = new LinkedHashMap<>();
      for (String name : beanFactory.getBeanDefinitionNames()) {
        Class<?> type = toolType(name);
        if (type != null) {
          found.put(name, read(name, type));
        }
      }
      byBean = Collections.unmodifiableMap(found);
    }
    return byBean;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<ToolSpec> read(String name, Class<?> type) {
    try {
      return AnnotatedTools.from((Class) type, () -> beanFactory.getBean(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bean \"" + name + "\": " + e.getMessage(), e);
    }
  }

  /** Returns the class to read the bean's tools from, or null if it has none. */
  private @Nullable Class<?> toolType(String name) {
    if (ScopedProxyUtils.isScopedTarget(name)) {
      return null; // The scoped proxy, under the plain name, stands for it.
    }
    BeanDefinition definition = beanFactory.getBeanDefinition(name);
    if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
      return null;
    }
    Class<?> type;
    try {
      type = beanFactory.getType(name, false);
    } catch (NoSuchBeanDefinitionException e) {
      return null;
    }
    if (type == null) {
      return null;
    }
    Class<?> user = ClassUtils.getUserClass(type);
    boolean hasTools =
        !MethodIntrospector.selectMethods(
                user,
                (MethodIntrospector.MetadataLookup<Tool>)
                    method -> AnnotatedElementUtils.findMergedAnnotation(method, Tool.class))
            .isEmpty();
    return hasTools ? user : null;
  }

  @Override
  public String toString() {
    return "ToolBeans" + (byBean == null ? "{not yet read}" : byBean.keySet());
  }
}
