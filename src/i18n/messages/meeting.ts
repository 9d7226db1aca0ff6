export default {
  vi: {
    meeting: {
      title: 'Chế độ họp',
      position: 'Đơn vị {i}/{n} chưa đạt chỉ tiêu',
      previous: '← Đơn vị trước',
      next: 'Đơn vị sau →',
      close: 'Thoát (Esc)',
      keys: 'Phím ← → để chuyển đơn vị, Esc để thoát.',
      none: 'Không có đơn vị nào chưa đạt chỉ tiêu trong kỳ này.',
    },
  },
  en: {
    meeting: {
      title: 'Meeting mode',
      position: 'Unit {i} of {n} behind target',
      previous: '← Previous unit',
      next: 'Next unit →',
      close: 'Leave (Esc)',
      keys: 'Keys ← → step through the units, Esc leaves.',
      none: 'No unit is behind target in this period.',
    },
  },
};
