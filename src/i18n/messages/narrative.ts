export default {
  vi: {
    narrative: {
      brief: {
        metric: 'Chỉ số',
        value: 'Giá trị',
        target: 'Chỉ tiêu',
        status: 'Đánh giá',
        change: 'So với kỳ trước',
        gap: 'Khoảng cách (hồ sơ)',
        fields: 'Hồ sơ quá hạn theo lĩnh vực',
        resolved: 'Đã giải quyết',
        pending: 'Đang giải quyết',
        total: 'Tổng',
        moreFields: 'và {n} lĩnh vực khác',
        summary: 'Tóm tắt',
        none: '–',
      },
    },
  },
  en: {
    narrative: {
      brief: {
        metric: 'Metric',
        value: 'Value',
        target: 'Target',
        status: 'Status',
        change: 'On the previous period',
        gap: 'Gap (dossiers)',
        fields: 'Overdue dossiers by field',
        resolved: 'Resolved late',
        pending: 'Pending',
        total: 'Total',
        moreFields: 'and {n} other fields',
        summary: 'Summary',
        none: '–',
      },
    },
  },
};
