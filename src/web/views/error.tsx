/** @jsxImportSource hono/jsx */
/**
 * Error pages in Chinese, one title per status, each with the next step: 登录 (coming back here) when a
 * signed-out visitor is refused, the way back and home otherwise. The message is plain text, escaped.
 */
import { loginHref, type Viewer } from "../viewer.ts";
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

export interface ErrorPageProps {
  status: number;
  message: string;
  viewer: Viewer;
  /** The page the visitor came from on this site (from Referer), for 返回上一页. */
  back?: string | null;
}

/** What the visitor can do next. */
function NextSteps({ status, viewer, back }: ErrorPageProps) {
  const refused = status === 401 || status === 403;
  const steps = [];
  if (refused && !viewer.user) {
    steps.push(
      <li>
        <a href={loginHref(viewer.here)}>登录</a>后继续访问本页
      </li>,
    );
  } else if (refused && viewer.user) {
    steps.push(
      <li>
        当前以 {viewer.user.name}（{viewer.user.label}）登录：本页需要其他权限，请联系县委编办（管理员），或
        <a href="/login">回到我的工作台</a>
      </li>,
    );
  }
  if (back) {
    steps.push(
      <li>
        <a href={back}>返回上一页</a>
      </li>,
    );
  }
  steps.push(
    <li>
      <a href="/">返回首页</a>
    </li>,
  );
  return <ul class="next-steps">{steps}</ul>;
}

/** The page for an HTTP error status. */
export function ErrorPage(props: ErrorPageProps) {
  const title = Object.hasOwn(TITLES, props.status) ? TITLES[props.status]! : "出错了";
  return (
    <Layout title={title} viewer={props.viewer}>
      <section class="error">
        <h1>
          {props.status} {title}
        </h1>
        <p>{props.message}</p>
        <NextSteps {...props} />
      </section>
    </Layout>
  );
}
