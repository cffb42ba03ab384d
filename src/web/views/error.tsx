/** @jsxImportSource hono/jsx */
/** Error pages in Chinese, one title per status. The message is plain text, escaped like any other. */
import { Layout } from "./layout.tsx";

const TITLES: Record<number, string> = {
  400: "请求有误",
  401: "请先登录",
  403: "没有权限",
  404: "未找到",
  409: "状态冲突",
  413: "内容过大",
  429: "请求过于频繁",
  500: "服务器内部错误",
  503: "服务暂不可用",
};

/** The page for an HTTP error status. */
export function ErrorPage(props: { status: number; message: string }) {
  const title = Object.hasOwn(TITLES, props.status) ? TITLES[props.status]! : "出错了";
  return (
    <Layout title={title}>
      <section class="error">
        <h1>
          {props.status} {title}
        </h1>
        <p>{props.message}</p>
        <p>
          <a href="/">返回首页</a>
        </p>
      </section>
    </Layout>
  );
}
